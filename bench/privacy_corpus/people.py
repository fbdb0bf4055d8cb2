"""Person names from many cultures, written for this corpus (not read from any library).

The privacy guard reads its gazetteer from Faker; these lists are our own, so a name
found here is found by the guard's rules, not because the corpus and the guard share a
list. Romanized spellings, as people write them in English-language chat.
"""

from __future__ import annotations

import random

# culture: (first names, last names)
CULTURES: dict[str, tuple[list[str], list[str]]] = {
    "arabic": (
        "Tariq Yasmin Khalid Nour Rania Samir Hamza Layla Zainab Bilal Karim Hiba Majid Salma Faisal Dalia".split(),
        "Haddad Mansour Khoury Nasser Saleh Darwish Haddadin Qasim Aziz Barakat Shaheen Farouk Tamimi Jaber".split(),
    ),
    "persian": (
        "Dariush Shirin Kourosh Parisa Babak Nasrin Arash Laleh Siavash Mahsa Reza Golnar".split(),
        "Tehrani Farahani Moradi Rostami Karimi Ahmadi Shirazi Esfahani Hosseini Jafari Sadeghi".split(),
    ),
    "turkish": (
        "Emre Selin Burak Ece Kerem Derya Onur Gizem Cem Aslı Serkan Pelin".split(),
        "Öztürk Kaya Çelik Şahin Arslan Doğan Kılıç Aydın Erdem Koç Kurt Özdemir".split(),
    ),
    "south_asian": (
        "Raghav Anjali Vikram Lakshmi Suresh Kavya Harpreet Gurpreet Tanvir Farhana Nikhil Meenakshi "
        "Sandeep Divya Rahul Sunita Abhishek Pooja Karthik Shreya Imran Ayesha".split(),
        "Raghunathan Venkataraman Krishnamurthy Subramanian Chatterjee Banerjee Mukherjee Reddy Gill Sandhu "
        "Chowdhury Rahman Deshpande Kulkarni Pillai Menon Bhattacharya Agarwal Malhotra Siddiqui".split(),
    ),
    "chinese": (
        "Wei Xiaoling Jun Mingyu Yanhua Zhiwei Lihua Haoran Jiayi Zixuan Qiang Meiling".split(),
        "Zhou Huang Liu Xu Guo Ma Luo Liang Song Zheng Xie Han Tang Feng Deng Cao".split(),
    ),
    "japanese": (
        "Haruto Yui Sota Aoi Ren Hina Takumi Sakura Daichi Mio Kaito Yuna".split(),
        "Sato Takahashi Watanabe Ito Yamamoto Kobayashi Yoshida Yamada Sasaki Matsumoto Inoue Kimura".split(),
    ),
    "korean": (
        "Minjun Seoyeon Jiho Haeun Dohyun Jiwoo Seojun Yerin Hyunwoo Eunji".split(),
        "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Shin Oh".split(),
    ),
    "southeast_asian": (
        "Nguyet Minh Thao Duc Anh Linh Somchai Siriporn Ayu Budi Putri Rizal Maricel Jose Rodel".split(),
        "Nguyen Tran Le Pham Hoang Vu Srisuk Wongsakul Santoso Wijaya Hidayat Dizon Bautista Reyes".split(),
    ),
    "west_african": (
        "Chinonso Ngozi Emeka Adaeze Olumide Funmilayo Babatunde Yetunde Kwabena Akosua Kojo Efua Aminu Hauwa".split(),
        "Okonkwo Eze Nwosu Adebayo Okafor Balogun Oyelaran Mensah Asamoah Appiah Danjuma Bello Obi Nnamdi".split(),
    ),
    "east_southern_african": (
        "Wanjiru Otieno Achieng Baraka Zawadi Thabo Lerato Sipho Nomvula Tendai Chipo Abebe Selam".split(),
        "Kamau Mwangi Odhiambo Wekesa Ndlovu Dlamini Khumalo Mokoena Moyo Chikwanha Tesfaye Bekele".split(),
    ),
    "slavic": (
        "Dmitri Svetlana Aleksandr Yekaterina Oksana Bogdan Milena Dragan Jelena Zoran Agnieszka Wojciech".split(),
        "Volkov Sokolova Kuznetsov Popescu Horvat Jovanović Petrović Wiśniewski Lewandowska Kovalenko Shevchenko".split(),
    ),
    "nordic_baltic": (
        "Sigrid Bjørn Freya Magnus Eira Torvald Liisa Mikko Aino Ragnar Solveig Jūratė".split(),
        "Lindqvist Bergström Halvorsen Virtanen Korhonen Mäkinen Jørgensen Sigurðsson Ozoliņš Kazlauskas".split(),
    ),
    "hispanic_lusophone": (
        "Ximena Joaquín Guadalupe Rodrigo Itzel Santiago Catalina Gonçalo Inês Thiago Luana Renata".split(),
        "Hernández Quispe Mamani Villalobos Castañeda Zúñiga Barbosa Carvalho Magalhães Figueiredo Araújo".split(),
    ),
    "hebrew_greek_armenian": (
        "Noa Eitan Tamar Yonatan Shira Dimitrios Eleni Konstantinos Anahit Tigran Nare".split(),
        "Mizrahi Friedman Ben-David Katz Papadopoulos Georgiou Nikolaidis Hovhannisyan Sargsyan Petrosyan".split(),
    ),
    "pacific_indigenous": (
        "Aroha Tane Wiremu Mere Leilani Kalani Sione Losa Wahkan Tayanita Kimi".split(),
        "Ngata Parata Tawhiri Kahananui Fifita Tuilagi Begay Yazzie Tsosie Redcloud".split(),
    ),
    "western_european": (
        "Siobhán Ciarán Maëlle Gaëtan Sjoerd Femke Wouter Lieselotte Gunnar Annelies Yannick Mathilde".split(),
        "Breathnach MacAulay Vermeulen Desmet Vanacker Janssens Brouwer Lefèvre Rousseau Dubreuil Schmitz Zimmermann".split(),
    ),
}


def name(rng: random.Random, parts: int = 2) -> str:
    """A full name from one culture: "First Last", or "First Middle Last" when ``parts`` is 3."""
    first_names, last_names = CULTURES[rng.choice(sorted(CULTURES))]
    words = [rng.choice(first_names)]
    if parts == 3:
        words.append(rng.choice(first_names))
    words.append(rng.choice(last_names))
    return " ".join(dict.fromkeys(words))  # no "Wei Wei" doubled by chance


def surname(rng: random.Random) -> str:
    return rng.choice(CULTURES[rng.choice(sorted(CULTURES))][1])


def first_name(rng: random.Random) -> str:
    return rng.choice(CULTURES[rng.choice(sorted(CULTURES))][0])
